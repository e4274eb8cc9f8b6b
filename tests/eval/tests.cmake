# gouji check from the command line: exit codes and report contents.
add_test(NAME cli.check COMMAND bash ${PROJECT_SOURCE_DIR}/tests/eval/check_cli.sh $<TARGET_FILE:gouji> ${PROJECT_SOURCE_DIR})
# gouji explain: a golden derivation on a sample document, options, bad input.
add_test(NAME cli.explain COMMAND bash ${PROJECT_SOURCE_DIR}/tests/eval/explain_cli.sh $<TARGET_FILE:gouji> ${PROJECT_SOURCE_DIR})
