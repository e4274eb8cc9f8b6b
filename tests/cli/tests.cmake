# gouji check over a folder: the same bytes whatever the thread count, every
# output format, unreadable documents reported and skipped.
add_test(NAME cli.check_batch
         COMMAND bash ${PROJECT_SOURCE_DIR}/tests/cli/check_batch.sh $<TARGET_FILE:gouji>)

# gouji check --format html opened in headless Chromium: the rendered page's
# summary, a planted failure with its figures marked, the filter script; keeps
# a screenshot (cli/html_report.png) in the build dir. Skips only without chromium.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME cli.html_report
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/cli/html_report.py $<TARGET_FILE:gouji>
                 ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/cli)
set_tests_properties(cli.html_report PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900)
# gouji check --format xlsx read back by LibreOffice Calc (every sheet to CSV).
# Skips only without libreoffice.
add_test(NAME cli.xlsx_report
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/cli/xlsx_report.py $<TARGET_FILE:gouji>
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.xlsx_report PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900)
# The built-in pack by region: the Shanghai PDF gets 部门决算（上海）, Henan samples the Henan packs, --pack overrides.
add_test(NAME cli.pack_region
         COMMAND bash ${PROJECT_SOURCE_DIR}/tests/cli/pack_region.sh $<TARGET_FILE:gouji> ${PROJECT_SOURCE_DIR})
# The Henan text samples and the PDFs made from them (tests/read/pdf/roundtrip/,
# checked in; remade by pdf_roundtrip.py --regenerate) give the same outcomes.
add_test(NAME cli.pdf_roundtrip
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/cli/pdf_roundtrip.py $<TARGET_FILE:gouji>
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.pdf_roundtrip PROPERTIES TIMEOUT 600)
