# Writes a C++ source holding the text of files, run by add_custom_command:
#   cmake -DOUT=x.cpp -DDIR=folder -DPATTERN=*.json -DHEADER=a/b.h -DTYPE=T -DFUNCTION=f -P embed_files.cmake
# The source defines `const std::vector<TYPE>& FUNCTION()` (in namespace timeline) listing
# {path relative to DIR, text} for every file of DIR matching PATTERN (recursively), sorted by
# path; HEADER declares TYPE (two string_views: name, text) and FUNCTION.
file(GLOB_RECURSE files RELATIVE "${DIR}" "${DIR}/${PATTERN}")
list(SORT files)
set(body "// Generated from ${DIR} by cmake/embed_files.cmake. Do not edit.\n")
string(APPEND body "#include \"${HEADER}\"\n\nnamespace timeline {\n\n")
string(APPEND body "const std::vector<${TYPE}>& ${FUNCTION}() {\n    static const std::vector<${TYPE}> files = {\n")
foreach(f IN LISTS files)
  file(READ "${DIR}/${f}" content)
  string(APPEND body "        {\"${f}\", R\"TLEMBED(${content})TLEMBED\"},\n")
endforeach()
string(APPEND body "    };\n    return files;\n}\n\n}  // namespace timeline\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
