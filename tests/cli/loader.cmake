# The YAML parse (issue 13): a second document is refused at its place; the loader's doctest
# cases (tests/reliability_loader_test.cpp) are bounded so that a slow duplicate-key scan or a
# runaway scanner fails instead of blocking.
sroi_cli_test(second_document EXIT 1 ARGS validate ${CMAKE_CURRENT_SOURCE_DIR}/data/errors/second-document.yaml
  STDERR "second-document\\.yaml:5:1: error: a second YAML document starts here")
if(TEST reliability_loader)
  set_tests_properties(reliability_loader PROPERTIES TIMEOUT 300)
endif()
