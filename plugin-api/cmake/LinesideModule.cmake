# LinesideModule.cmake: lineside_add_module(), the one way a module is built, in tree or out of tree.
#
#   lineside_add_module(NAME <name> SOURCES <files...> [LIBRARIES <libs...>] [NO_INSTALL])
#
# Builds <name>.so as a MODULE library against lineside::plugin-api only, hidden visibility,
# exporting nothing but the entry symbol, -Wall -Wextra -Werror, and installs it to the module dir.
# The same file serves the Lineside tree (plugin-api/cmake) and third parties (installed next to
# LinesidePluginApiConfig.cmake); the version script is found next to this file in both cases.
#   LINESIDE_MODULE_BUILD_DIR   optional: where <name>.so is written (default: the current binary dir)
#   LINESIDE_MODULE_INSTALL_DIR optional: install folder, relative to CMAKE_INSTALL_PREFIX
#                               (default: ${CMAKE_INSTALL_LIBDIR}/lineside/modules)
# C++ sources are compiled as C++20; a C-only project (no CXX language enabled) works too.
include_guard(GLOBAL)

function(lineside_add_module)
  cmake_parse_arguments(ARG "NO_INSTALL" "NAME" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_NAME OR NOT ARG_SOURCES)
    message(FATAL_ERROR "lineside_add_module: NAME and SOURCES are required")
  endif()
  add_library(${ARG_NAME} MODULE ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE lineside::plugin-api ${ARG_LIBRARIES})
  get_property(_languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if("CXX" IN_LIST _languages)
    target_compile_features(${ARG_NAME} PRIVATE cxx_std_20)
  endif()
  target_compile_options(${ARG_NAME} PRIVATE -Wall -Wextra -Werror)
  set_target_properties(${ARG_NAME} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${ARG_NAME}"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(DEFINED LINESIDE_MODULE_BUILD_DIR)
    set_target_properties(${ARG_NAME} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${LINESIDE_MODULE_BUILD_DIR}")
  endif()
  target_link_options(${ARG_NAME} PRIVATE
    "LINKER:--version-script=${CMAKE_CURRENT_FUNCTION_LIST_DIR}/lineside-module.map"
    "LINKER:--no-undefined" "LINKER:--exclude-libs,ALL")
  if(NOT ARG_NO_INSTALL)
    if(NOT DEFINED LINESIDE_MODULE_INSTALL_DIR)
      include(GNUInstallDirs)
      set(LINESIDE_MODULE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/lineside/modules")
    endif()
    install(TARGETS ${ARG_NAME} LIBRARY DESTINATION "${LINESIDE_MODULE_INSTALL_DIR}")
  endif()
endfunction()
