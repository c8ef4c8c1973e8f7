# check_headers.cmake: compiles every installed plugin-api header on its own (twice in one
# translation unit, to prove the include guard): C headers as C99 and C++20, C++ headers as C++20,
# all with -pedantic -Wall -Wextra -Werror. Parts of fake_host.hpp that refuse direct inclusion
# (they test LINESIDE_TESTING_FAKE_HOST_PARTS) are skipped.
#
#   cmake -DC_COMPILER=cc -DCXX_COMPILER=c++ -DINCLUDE_DIR=<dir> -DWORK_DIR=<dir> -P check_headers.cmake
foreach(_var C_COMPILER CXX_COMPILER INCLUDE_DIR WORK_DIR)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "check_headers.cmake: ${_var} is not set")
  endif()
endforeach()

file(GLOB_RECURSE _headers RELATIVE "${INCLUDE_DIR}" "${INCLUDE_DIR}/lineside/*.h" "${INCLUDE_DIR}/lineside/*.hpp")
list(SORT _headers)
file(MAKE_DIRECTORY "${WORK_DIR}")
set(_failed "")
set(_checked 0)

# Compile `source` with `compiler` and `flags`; append a line to _failed on error.
function(_compile compiler source label)
  execute_process(
    COMMAND "${compiler}" ${ARGN} -pedantic -Wall -Wextra -Werror -I "${INCLUDE_DIR}" -c "${source}" -o /dev/null
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    set(_failed "${_failed}\n--- ${label}\n${_out}${_err}" PARENT_SCOPE)
  endif()
endfunction()

foreach(_h IN LISTS _headers)
  file(READ "${INCLUDE_DIR}/${_h}" _text)
  if(_text MATCHES "#ifndef LINESIDE_TESTING_FAKE_HOST_PARTS")
    continue()
  endif()
  string(MAKE_C_IDENTIFIER "${_h}" _id)
  set(_tu "#include \"${_h}\"\n#include \"${_h}\"\ntypedef int header_check_${_id};\n")
  if(_h MATCHES "\\.h$")
    file(WRITE "${WORK_DIR}/${_id}.c" "${_tu}")
    _compile("${C_COMPILER}" "${WORK_DIR}/${_id}.c" "${_h} as C99" -std=c99)
    math(EXPR _checked "${_checked} + 1")
  endif()
  file(WRITE "${WORK_DIR}/${_id}.cpp" "${_tu}")
  _compile("${CXX_COMPILER}" "${WORK_DIR}/${_id}.cpp" "${_h} as C++20" -std=c++20)
  math(EXPR _checked "${_checked} + 1")
endforeach()

if(_checked EQUAL 0)
  message(FATAL_ERROR "no header found under ${INCLUDE_DIR}/lineside")
endif()
if(_failed)
  message(FATAL_ERROR "headers that do not compile on their own:${_failed}")
endif()
message(STATUS "${_checked} standalone header compilations passed")
