# tests/compile_fail/first_error.cmake: runs one compile-fail case (see
# strata_compile_fail in tests/CMakeLists.txt).
#
#   cmake -DCASE=<case settings> -P first_error.cmake
#
# CASE sets COMPILER, FLAGS, SOURCE, REGEXES and MAX_LINES. The case passes
# when the compiler rejects SOURCE, the first line that contains "error:"
# matches every regex in REGEXES, and the whole output has at most MAX_LINES
# lines. The regexes see the line normalized, so one regex serves both
# compilers: `strata::fixed_string<5>{"port"}` (g++) and
# `fixed_string<5>{"port"}` (clang) read `"port"`, `std::__cxx11::` reads
# `std::`, g++'s `> >` reads `>>` and its curly quotes straight ones.
include("${CASE}")

execute_process(COMMAND "${COMPILER}" ${FLAGS} "${SOURCE}"
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)

string(REGEX MATCHALL "\n" newlines "${output}")
list(LENGTH newlines line_count)
string(REGEX MATCH "[^\n]*error:[^\n]*" first "${output}")

set(line "${first}")
string(REGEX REPLACE "(strata::)?fixed_string<[0-9]+[UL]*>{(\"[^}]*\")}" "\\2" line "${line}")
string(REPLACE "std::__cxx11::" "std::" line "${line}")
string(REPLACE "‘" "'" line "${line}")
string(REPLACE "’" "'" line "${line}")
while(line MATCHES "> >")
  string(REPLACE "> >" ">>" line "${line}")
endwhile()

set(problems "")
if(status EQUAL 0)
  string(APPEND problems "  it compiled\n")
elseif(first STREQUAL "")
  string(APPEND problems "  the compiler printed no \"error:\" line\n")
endif()
foreach(regex IN LISTS REGEXES)
  if(NOT line MATCHES "${regex}")
    string(APPEND problems "  the first error line does not match: ${regex}\n")
  endif()
endforeach()
if(line_count GREATER MAX_LINES)
  string(APPEND problems "  ${line_count} lines of output, more than ${MAX_LINES}\n")
endif()

message("first error line (normalized): ${line}")
message("lines of output: ${line_count} (at most ${MAX_LINES})")
if(NOT problems STREQUAL "")
  message(FATAL_ERROR "compile-fail case ${SOURCE}:\n${problems}--- compiler output ---\n${output}")
endif()
