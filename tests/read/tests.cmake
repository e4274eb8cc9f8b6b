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
# PDF input: the Shanghai sample shows its tables with pages; a .pdf that is
# not a PDF is refused as unreadable.
set(_pdf ${CMAKE_CURRENT_SOURCE_DIR}/read/pdf)
add_test(NAME read.cli.parse_pdf
  COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:gouji>;parse;${_pdf}/final-2024-shanghai-putuo-finance-bureau.pdf"
          -DEXPECT=0 "-DEXPECT_TEXT=第8页 第132行 2080505 机关事业单位基本养老保险缴费支出" -P ${_expect})
add_test(NAME read.cli.parse_pdf_not_a_pdf
  COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:gouji>;parse;${_pdf}/not-a-pdf.pdf"
          -DEXPECT=3 "-DEXPECT_TEXT=内容不是 PDF" -P ${_expect})
