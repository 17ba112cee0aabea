# Install rules: headers, library, tool, CMake package (config, version, targets) and pkg-config.
include(CMakePackageConfigHelpers)

set(SROI_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/sroi CACHE STRING "Where sroiConfig.cmake goes")

install(TARGETS sroi EXPORT sroiTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/sroi DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(SROI_BUILD_TOOL)
  install(TARGETS sroi_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/models/ DESTINATION ${CMAKE_INSTALL_DATADIR}/sroi/models)

install(EXPORT sroiTargets NAMESPACE sroi:: DESTINATION ${SROI_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/sroiConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sroiConfig.cmake
  INSTALL_DESTINATION ${SROI_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/sroiConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/sroiConfig.cmake ${PROJECT_BINARY_DIR}/sroiConfigVersion.cmake
  DESTINATION ${SROI_INSTALL_CMAKEDIR})

# pkg-config: a static sroi needs its private dependencies on the link line too.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(SROI_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
  set(SROI_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(SROI_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(SROI_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/sroi.pc.in ${PROJECT_BINARY_DIR}/sroi.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/sroi.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
