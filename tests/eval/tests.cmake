# gouji check from the command line: exit codes and report contents.
add_test(NAME cli.check COMMAND bash ${PROJECT_SOURCE_DIR}/tests/eval/check_cli.sh $<TARGET_FILE:gouji> ${PROJECT_SOURCE_DIR})
