# Golden diagnostics: every tests/lang/errors/<name>.gj is linted and its
# output compared with <name>.expected (Chinese) and, where present,
# <name>.en.expected (--lang en). A file whose expected output reports an
# error must exit 1, otherwise 0. Every tests/lang/valid/*.gj must lint clean.
file(GLOB gouji_lang_error_files CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/errors/*.gj)
foreach(gj IN LISTS gouji_lang_error_files)
  get_filename_component(name ${gj} NAME_WE)
  set(dir ${CMAKE_CURRENT_LIST_DIR}/errors)
  foreach(variant zh en)
    if(variant STREQUAL "zh")
      set(expected ${dir}/${name}.expected)
    else()
      set(expected ${dir}/${name}.en.expected)
    endif()
    if(NOT EXISTS ${expected})
      continue()
    endif()
    file(READ ${expected} text)
    if(text MATCHES "：0 个错误|: 0 error")
      set(status 0)
    else()
      set(status 1)
    endif()
    add_test(NAME lint_golden.${variant}.${name}
             COMMAND ${CMAKE_COMMAND} -DGOUJI=$<TARGET_FILE:gouji> -DDIR=${dir} -DFILE=${name}.gj
                     -DEXPECTED=${expected} -DSTATUS=${status} -DLANG=${variant}
                     -P ${CMAKE_CURRENT_LIST_DIR}/golden.cmake)
  endforeach()
endforeach()

file(GLOB gouji_lang_valid_files CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/valid/*.gj)
foreach(gj IN LISTS gouji_lang_valid_files)
  get_filename_component(name ${gj} NAME)
  add_test(NAME lint_valid.${name} COMMAND gouji lint ${gj})
endforeach()
add_test(NAME lint_valid.illustrative COMMAND gouji lint ${PROJECT_SOURCE_DIR}/examples/illustrative.gj)
add_test(NAME lint_missing_path COMMAND gouji lint ${CMAKE_CURRENT_LIST_DIR}/no-such-file.gj)
set_tests_properties(lint_missing_path PROPERTIES WILL_FAIL TRUE)
