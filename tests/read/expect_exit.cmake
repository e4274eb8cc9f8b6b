# Runs CMD (a ;-list) and checks its exit status is EXPECT and, if given, that
# its output contains EXPECT_TEXT.
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL EXPECT)
  message(FATAL_ERROR "exit status ${rc}, expected ${EXPECT}\nstdout: ${out}\nstderr: ${err}")
endif()
if(DEFINED EXPECT_TEXT)
  string(FIND "${out}${err}" "${EXPECT_TEXT}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "output lacks '${EXPECT_TEXT}'\nstdout: ${out}\nstderr: ${err}")
  endif()
endif()
