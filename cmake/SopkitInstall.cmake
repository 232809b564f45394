# Install rules: the library, its headers, a CMake package (find_package(sopkit
# CONFIG) -> sopkit::sopkit) and a pkg-config file (pkg-config sopkit).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS sopkit EXPORT sopkitTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The C ABI header always; the C++ headers too, for static builds (the shared
# library exports the C ABI only).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/sopkit DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/calendars
  DESTINATION ${CMAKE_INSTALL_DATADIR}/sopkit OPTIONAL)

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/sopkit)
install(EXPORT sopkitTargets NAMESPACE sopkit:: DESTINATION ${config_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/sopkitConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sopkitConfig.cmake INSTALL_DESTINATION ${config_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/sopkitConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/sopkitConfig.cmake ${PROJECT_BINARY_DIR}/sopkitConfigVersion.cmake
  DESTINATION ${config_dir})

if(BUILD_SHARED_LIBS)
  set(SOPKIT_PC_LIBS_PRIVATE "")
else()
  set(SOPKIT_PC_LIBS_PRIVATE "-lstdc++ -lpthread -lm")
endif()
# A static build needs what libsopkit links: libsimdjson (JSON loading) and
# libsqlite3 (the store), pulled in through their .pc files. A shared library
# carries its own dependencies, and pkg-config checks every Requires.private
# even without --static: naming them there would fail `pkg-config --cflags
# sopkit` (and every cgo build) where libsqlite3-dev is not installed.
set(SOPKIT_PC_REQUIRES_PRIVATE "")
if(NOT BUILD_SHARED_LIBS)
  set(SOPKIT_PC_REQUIRES_PRIVATE "simdjson")
  if(SOPKIT_WITH_STORE)
    string(APPEND SOPKIT_PC_REQUIRES_PRIVATE " sqlite3")
  endif()
endif()
# How far the .pc file sits below the prefix ("../.." for lib/pkgconfig).
file(RELATIVE_PATH SOPKIT_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/sopkit.pc.in ${PROJECT_BINARY_DIR}/sopkit.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/sopkit.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The FFI header: sopkit.h's declarations without directives or attributes,
# with PHP's FFI_SCOPE "SOPKIT" and FFI_LIB (the soname), installed beside
# sopkit.h (docs/embedding.md). Made by the C preprocessor, so it cannot drift
# from sopkit.h; tests/ffi checks it with PHP's own parser.
get_target_property(sopkit_lib_type sopkit TYPE)
if(sopkit_lib_type STREQUAL "SHARED_LIBRARY" AND CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  set(SOPKIT_FFI_HEADER ${PROJECT_BINARY_DIR}/include/sopkit/sopkit_ffi.h)
  add_custom_command(OUTPUT ${SOPKIT_FFI_HEADER}
    COMMAND ${CMAKE_COMMAND} -DCC=${CMAKE_C_COMPILER} -DHEADER=${PROJECT_SOURCE_DIR}/include/sopkit/sopkit.h
            -DOUT=${SOPKIT_FFI_HEADER} -DLIB=$<TARGET_SONAME_FILE_NAME:sopkit>
            -P ${PROJECT_SOURCE_DIR}/cmake/sopkit_ffi_header.cmake
    DEPENDS ${PROJECT_SOURCE_DIR}/include/sopkit/sopkit.h ${PROJECT_SOURCE_DIR}/cmake/sopkit_ffi_header.cmake
    COMMENT "Generating the FFI header sopkit_ffi.h" VERBATIM)
  add_custom_target(sopkit_ffi_header ALL DEPENDS ${SOPKIT_FFI_HEADER})
  install(FILES ${SOPKIT_FFI_HEADER} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sopkit)
endif()
