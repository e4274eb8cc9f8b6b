# No double or float anywhere in the sources that carry numbers.
add_test(NAME source.no_floating_point
         COMMAND bash ${PROJECT_SOURCE_DIR}/tests/tools/no_double.sh ${PROJECT_SOURCE_DIR})
