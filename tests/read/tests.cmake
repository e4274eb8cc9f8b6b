# gouji parse from the command line: exit status and what it prints.
set(_expect ${CMAKE_CURRENT_SOURCE_DIR}/read/expect_exit.cmake)
set(_ex ${PROJECT_SOURCE_DIR}/examples)
add_test(NAME read.cli.parse_text
  COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:gouji>;parse;${_ex}/final-2023-luolong-gov-office.txt"
          -DEXPECT=0 "-DEXPECT_TEXT=公开01表 收入支出决算总表" -P ${_expect})
add_test(NAME read.cli.parse_json
  COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:gouji>;parse;--format;json;${_ex}/final-2023-xigong-community-office.txt"
          -DEXPECT=0 "-DEXPECT_TEXT=\"schema_version\": 1" -P ${_expect})
add_test(NAME read.cli.parse_golden_json_input
  COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:gouji>;parse;${CMAKE_CURRENT_SOURCE_DIR}/read/golden/budget-2025-xigong-gov-office.json"
          -DEXPECT=0 "-DEXPECT_TEXT=部门收支预算表" -P ${_expect})
add_test(NAME read.cli.parse_missing_file
  COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:gouji>;parse;/nonexistent/doc.txt"
          -DEXPECT=3 "-DEXPECT_TEXT=无法读取文档" -P ${_expect})
add_test(NAME read.cli.parse_binary
  COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:gouji>;parse;$<TARGET_FILE:gouji>"
          -DEXPECT=3 "-DEXPECT_TEXT=二进制" -P ${_expect})
