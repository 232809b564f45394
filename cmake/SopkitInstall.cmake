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
# The store links libsqlite3: pkg-config --static pulls it in through sqlite3.pc.
# JSON loading links libsimdjson the same way (simdjson.pc).
if(SOPKIT_WITH_STORE)
  set(SOPKIT_PC_REQUIRES_PRIVATE "simdjson sqlite3")
else()
  set(SOPKIT_PC_REQUIRES_PRIVATE "simdjson")
endif()
# How far the .pc file sits below the prefix ("../.." for lib/pkgconfig).
file(RELATIVE_PATH SOPKIT_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/sopkit.pc.in ${PROJECT_BINARY_DIR}/sopkit.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/sopkit.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
