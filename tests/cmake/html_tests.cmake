# The HTML report as a reader meets it: written by the tool, parsed as XML by Python, rendered by
# headless Chromium (Debian's `chromium`; the test is skipped where it is not installed). The page
# and the screenshot stay in <build>/html-report/ to be looked at.
if(NOT TARGET sroi_cli)
  return()
endif()

set(SROI_HTML_OUT ${PROJECT_BINARY_DIR}/html-report)
file(MAKE_DIRECTORY ${SROI_HTML_OUT})
set(SROI_HTML_PAGE ${SROI_HTML_OUT}/local-employment-apprenticeships.html)

add_test(NAME html_report_write
  COMMAND sroi_cli report ${PROJECT_SOURCE_DIR}/models/examples/local-employment-apprenticeships.yaml
          --format html --draws 20000 --seed 1 -o ${SROI_HTML_PAGE})
set_tests_properties(html_report_write PROPERTIES FIXTURES_SETUP sroi_html_page)
# A small model with long outcome names, a long stakeholder name and a long unbroken source URL.
set(SROI_HTML_LONG_PAGE ${SROI_HTML_OUT}/long-text-model.html)
add_test(NAME html_report_write_long_text
  COMMAND sroi_cli report ${CMAKE_CURRENT_SOURCE_DIR}/data/long-text-model.yaml
          --format html --draws 5000 --seed 1 -o ${SROI_HTML_LONG_PAGE})
set_tests_properties(html_report_write_long_text PROPERTIES FIXTURES_SETUP sroi_html_long_page)

find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  add_test(NAME html_report_xml
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_html_page.py xml ${SROI_HTML_PAGE})
  add_test(NAME html_report_chromium
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_html_page.py chromium ${SROI_HTML_PAGE}
            ${SROI_HTML_OUT}/local-employment-apprenticeships.png)
  set_tests_properties(html_report_xml html_report_chromium PROPERTIES FIXTURES_REQUIRED sroi_html_page)
  set_tests_properties(html_report_chromium PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
  # The page at 1280 and 400 px: no sideways scrolling, chart text at least 11 px, one row of
  # summary cards, S-curve labels off the curve; screenshots and a PDF in <build>/html-report/.
  add_test(NAME html_report_layout_example
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_html_page.py layout ${SROI_HTML_PAGE}
            ${SROI_HTML_OUT})
  add_test(NAME html_report_layout_long_text
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_html_page.py layout ${SROI_HTML_LONG_PAGE}
            ${SROI_HTML_OUT})
  set_tests_properties(html_report_layout_example PROPERTIES FIXTURES_REQUIRED sroi_html_page)
  set_tests_properties(html_report_layout_long_text PROPERTIES FIXTURES_REQUIRED sroi_html_long_page)
  set_tests_properties(html_report_layout_example html_report_layout_long_text PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT 120)
endif()

set(SROI_HTML_GOLDEN ${CMAKE_CURRENT_SOURCE_DIR}/data/golden-model.yaml)
sroi_cli_test(html_no_simulation EXIT 0 ARGS report ${SROI_HTML_GOLDEN} --format html --no-simulation
  STDOUT "^<!DOCTYPE html>.*id=\"principles\".*</html>\n$")
sroi_cli_test(html_zero_draws EXIT 2 ARGS report ${SROI_HTML_GOLDEN} --format html --draws 0)
