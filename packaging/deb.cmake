# deb.cmake: CPack DEB settings: package `lineside` (daemon, modules, config, unit) and `lineside-dev` (plugin-api).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lineside)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR Lineside)
set(CPACK_PACKAGE_CONTACT "Lineside maintainers <maintainers@lineside.invalid>")
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/deb)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# One package per install component: the unnamed one is the service; `dev` is the plugin-api's
# headers and CMake package, installed with COMPONENT dev by plugin-api/CMakeLists.txt.
set(CPACK_DEB_COMPONENT_INSTALL ON)
get_cmake_property(_lineside_components COMPONENTS)
set(CPACK_COMPONENTS_ALL Unspecified)
if("dev" IN_LIST _lineside_components)
  list(APPEND CPACK_COMPONENTS_ALL dev)
endif()

set(CPACK_DEBIAN_UNSPECIFIED_PACKAGE_NAME lineside)
set(CPACK_DEBIAN_UNSPECIFIED_DESCRIPTION "SIP call server for desk phones
Lineside registers generic SIP phones over UDP, TCP and TLS with digest
authentication. A small kernel daemon loads its features as modules through
a stable plugin ABI and is configured in YAML.")
# dpkg keeps an admin's edits to these across upgrades (files in /etc are not conffiles by themselves).
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/conffiles "/etc/lineside/lineside.yaml\n/etc/lineside/directory.yaml\n")
set(CPACK_DEBIAN_UNSPECIFIED_PACKAGE_CONTROL_EXTRA
  ${CMAKE_CURRENT_BINARY_DIR}/conffiles
  ${CMAKE_CURRENT_SOURCE_DIR}/debian/postinst
  ${CMAKE_CURRENT_SOURCE_DIR}/debian/prerm
  ${CMAKE_CURRENT_SOURCE_DIR}/debian/postrm)
find_program(LINESIDE_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(LINESIDE_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_UNSPECIFIED_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_UNSPECIFIED_PACKAGE_DEPENDS "adduser, openssl")
else()
  set(CPACK_DEBIAN_UNSPECIFIED_PACKAGE_DEPENDS
    "adduser, openssl, libsofia-sip-ua0, libssl3, libyaml-cpp0.7, libsqlite3-0, libpocofoundation80, libpocoutil80, libpoconet80, libpoconetssl80, libpocojson80, libsrtp2-1")
endif()

set(CPACK_DEBIAN_DEV_PACKAGE_NAME lineside-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_DESCRIPTION "Lineside plugin API for out-of-tree modules
C headers of the stable module ABI, the header-only C++ wrapper and the CMake
package: find_package(LinesidePluginApi) and lineside_add_module().")
set(CPACK_DEBIAN_DEV_PACKAGE_SUGGESTS lineside)

include(CPack)
