# Embeds every stdlib/**/*.gj (and its data files, *.tsv) into the binary as a
# table of {path, text}, so that `gouji` works with no files beside it.
file(GLOB_RECURSE GOUJI_STDLIB_FILES CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/stdlib/*.gj ${PROJECT_SOURCE_DIR}/stdlib/*.gjt ${PROJECT_SOURCE_DIR}/stdlib/*.tsv)
set(GOUJI_STDLIB_CPP ${PROJECT_BINARY_DIR}/stdlib_embedded.cpp)
add_custom_command(
  OUTPUT ${GOUJI_STDLIB_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${GOUJI_STDLIB_CPP} -DROOT=${PROJECT_SOURCE_DIR}/stdlib
          -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
  DEPENDS ${GOUJI_STDLIB_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
  COMMENT "Embedding stdlib rule packs")
