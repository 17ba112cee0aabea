# Consumption tests: an outside project that uses find_package(sroi) against an install prefix,
# one that adds the source tree with add_subdirectory, and one that knows only pkg-config.
set(SROI_CONSUMER_DIR ${PROJECT_BINARY_DIR}/consumers)

add_test(NAME consume_install
  COMMAND ${CMAKE_COMMAND} --install ${PROJECT_BINARY_DIR} --prefix ${SROI_CONSUMER_DIR}/prefix)
set_tests_properties(consume_install PROPERTIES FIXTURES_SETUP sroi_installed)

add_test(NAME consume_find_package
  COMMAND ${CMAKE_CTEST_COMMAND}
    --build-and-test ${CMAKE_CURRENT_SOURCE_DIR}/cmake/find_package ${SROI_CONSUMER_DIR}/find_package
    --build-generator ${CMAKE_GENERATOR}
    --build-options -DCMAKE_PREFIX_PATH=${SROI_CONSUMER_DIR}/prefix -DCMAKE_BUILD_TYPE=Release
    --test-command ${SROI_CONSUMER_DIR}/find_package/consumer)
set_tests_properties(consume_find_package PROPERTIES FIXTURES_REQUIRED sroi_installed)

add_test(NAME consume_add_subdirectory
  COMMAND ${CMAKE_CTEST_COMMAND}
    --build-and-test ${CMAKE_CURRENT_SOURCE_DIR}/cmake/add_subdirectory ${SROI_CONSUMER_DIR}/add_subdirectory
    --build-generator ${CMAKE_GENERATOR}
    --build-options -DSROI_SOURCE_DIR=${PROJECT_SOURCE_DIR} -DCMAKE_BUILD_TYPE=Debug -DSROI_BUILD_TOOL=OFF
    --test-command ${SROI_CONSUMER_DIR}/add_subdirectory/consumer)
# The add_subdirectory build takes most of the suite's time: started first, the other tests run
# beside it.
set_tests_properties(consume_add_subdirectory PROPERTIES COST 1000)

# A consumer that knows only `pkg-config sroi`: the flags it gives must be enough to build.
find_program(SROI_PKG_CONFIG pkg-config)
find_program(SROI_BASH_FOR_PKG_CONFIG bash)
if(SROI_PKG_CONFIG AND SROI_BASH_FOR_PKG_CONFIG)
  add_test(NAME consume_pkg_config
    COMMAND ${SROI_BASH_FOR_PKG_CONFIG} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/pkg_config_consumer.sh
      ${CMAKE_CXX_COMPILER} ${SROI_CONSUMER_DIR}/prefix ${CMAKE_INSTALL_LIBDIR}
      ${CMAKE_CURRENT_SOURCE_DIR}/cmake/consumer.cpp ${SROI_CONSUMER_DIR}/pkg_config)
  set_tests_properties(consume_pkg_config PROPERTIES FIXTURES_REQUIRED sroi_installed)
endif()
