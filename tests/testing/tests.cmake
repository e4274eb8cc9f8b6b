# The built-in packs' tests (stdlib/tests/*.gjt), run from the source tree so
# that they read the current packs and the samples in examples/. CI reads the
# closing line "N passed, N failed".
add_test(NAME testing.stdlib COMMAND $<TARGET_FILE:gouji> test stdlib/tests WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# The same tests embedded in the binary (no argument), from the source root.
add_test(NAME testing.builtin COMMAND $<TARGET_FILE:gouji> test WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# The command line: closing line, exit codes, --filter, --format json, --update (refused in CI).
add_test(NAME testing.cli COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/cli_test.sh $<TARGET_FILE:gouji> ${PROJECT_SOURCE_DIR})
# Recall and precision of the built-in packs on a seeded generated corpus (132 决算 documents, 100% required;
# 36 部门预算 documents, 100% too).
add_test(NAME testing.corpus COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/corpus_test.sh $<TARGET_FILE:gouji>)
