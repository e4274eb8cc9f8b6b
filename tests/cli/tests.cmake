# gouji check over a folder: the same bytes whatever the thread count, every
# output format, unreadable documents reported and skipped.
add_test(NAME cli.check_batch
         COMMAND bash ${PROJECT_SOURCE_DIR}/tests/cli/check_batch.sh $<TARGET_FILE:gouji>)
