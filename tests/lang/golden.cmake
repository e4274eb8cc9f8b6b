# Runs `gouji [--lang LANG] lint FILE` in DIR and compares its output and exit
# status with FILE's golden file. Invoked by tests.cmake:
#   cmake -DGOUJI=… -DDIR=… -DFILE=… -DEXPECTED=… -DSTATUS=… [-DLANG=en] -P golden.cmake
set(args lint ${FILE})
if(LANG)
  set(args --lang ${LANG} ${args})
endif()
execute_process(COMMAND ${GOUJI} ${args} WORKING_DIRECTORY ${DIR}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
file(READ ${EXPECTED} want)
if(NOT out STREQUAL want)
  file(WRITE ${DIR}/${FILE}.actual "${out}")
  message(FATAL_ERROR "output of gouji lint ${FILE} differs from ${EXPECTED}\n--- expected:\n${want}\n--- actual (also in ${FILE}.actual):\n${out}${err}")
endif()
if(NOT rc EQUAL STATUS)
  message(FATAL_ERROR "gouji lint ${FILE}: exit status ${rc}, expected ${STATUS}\n${err}")
endif()
