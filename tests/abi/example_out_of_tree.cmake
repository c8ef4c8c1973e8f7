# example_out_of_tree.cmake: builds plugin-api/examples/hello exactly as a third party would:
# installs the `dev` component of the Lineside build to a stage prefix, configures the example in
# a fresh build folder with only CMAKE_PREFIX_PATH=<stage>, builds it, and checks the result:
# the .pc file answers pkg-config, and hello.so exports exactly one dynamic symbol,
# lineside_module_v1.
#
#   cmake -DTOP_BUILD=<lineside build> -DEXAMPLE_SOURCE=<examples/hello> -DSTAGE=<dir>
#         -DOUT_DIR=<example build dir> -DGENERATOR=<gen> -DCXX_COMPILER=<c++> -DNM=<nm>
#         -DPKG_CONFIG=<pkg-config> -P example_out_of_tree.cmake
foreach(_var TOP_BUILD EXAMPLE_SOURCE STAGE OUT_DIR GENERATOR CXX_COMPILER NM PKG_CONFIG)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "example_out_of_tree.cmake: ${_var} is not set")
  endif()
endforeach()

# Run a command; stop with its output when it fails.
function(_run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${_rc}):\n${_out}\n${_err}")
  endif()
  set(_run_out "${_out}" PARENT_SCOPE)
endfunction()

# 1. Install the dev component (headers, CMake package, .pc) to a clean stage.
file(REMOVE_RECURSE "${STAGE}")
_run("cmake --install --component dev" ${CMAKE_COMMAND} --install "${TOP_BUILD}" --prefix "${STAGE}" --component dev)
foreach(_f include/lineside/abi.h include/lineside/plugin.hpp include/lineside/testing/fake_host.hpp)
  if(NOT EXISTS "${STAGE}/${_f}")
    message(FATAL_ERROR "the dev component did not install ${_f}")
  endif()
endforeach()
file(GLOB_RECURSE _configs "${STAGE}/*/LinesidePluginApiConfig.cmake")
file(GLOB_RECURSE _versions "${STAGE}/*/LinesidePluginApiConfigVersion.cmake")
file(GLOB_RECURSE _pcs "${STAGE}/*/pkgconfig/lineside-plugin-api.pc")
if(NOT _configs OR NOT _versions OR NOT _pcs)
  message(FATAL_ERROR "the dev component lacks the CMake package or the .pc file under ${STAGE}")
endif()

# 2. pkg-config finds the staged headers and the module dir.
list(GET _pcs 0 _pc)
get_filename_component(_pcdir "${_pc}" DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${_pcdir}")
_run("pkg-config --cflags" ${PKG_CONFIG} --cflags lineside-plugin-api)
string(STRIP "${_run_out}" _cflags)
if(NOT _cflags STREQUAL "-I${STAGE}/include")
  message(FATAL_ERROR "pkg-config --cflags gave '${_cflags}', expected '-I${STAGE}/include'")
endif()
_run("pkg-config --variable=moduledir" ${PKG_CONFIG} --variable=moduledir lineside-plugin-api)
string(STRIP "${_run_out}" _moduledir)
if(NOT _moduledir MATCHES "^${STAGE}/.*lineside/modules$")
  message(FATAL_ERROR "pkg-config moduledir is '${_moduledir}', expected ${STAGE}/.../lineside/modules")
endif()

# 3. Configure and build the example in a fresh folder against the stage only.
file(REMOVE_RECURSE "${OUT_DIR}")
_run("configuring the example" ${CMAKE_COMMAND} -S "${EXAMPLE_SOURCE}" -B "${OUT_DIR}" -G "${GENERATOR}"
     -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
     -DCMAKE_PREFIX_PATH=${STAGE} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
_run("building the example" ${CMAKE_COMMAND} --build "${OUT_DIR}")
if(NOT EXISTS "${OUT_DIR}/hello.so")
  message(FATAL_ERROR "the example build did not produce ${OUT_DIR}/hello.so")
endif()

# 4. hello.so exports lineside_module_v1 and nothing else.
_run("nm -D --defined-only" ${NM} -D --defined-only "${OUT_DIR}/hello.so")
string(REGEX REPLACE "\n$" "" _lines "${_run_out}")
string(REPLACE "\n" ";" _lines "${_lines}")
set(_symbols "")
foreach(_line IN LISTS _lines)
  string(REGEX REPLACE "^[0-9a-fA-F]* *[A-Za-z] +" "" _name "${_line}")
  list(APPEND _symbols "${_name}")
endforeach()
if(NOT _symbols STREQUAL "lineside_module_v1")
  message(FATAL_ERROR "hello.so must export exactly lineside_module_v1; it exports: ${_symbols}")
endif()
message(STATUS "built ${OUT_DIR}/hello.so out of tree; it exports only lineside_module_v1")
