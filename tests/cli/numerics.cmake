# Issue 13, numerics: the models that used to hang building a quantile table (simulate, sobol and
# the HTML report) are rejected by validate at the key at fault, or run, fast. Each test has a
# TIMEOUT so that a hang fails rather than blocks the suite.
set(NUMERICS_HANG_PERT ${CMAKE_CURRENT_SOURCE_DIR}/data/fuzz-regressions/hang-pert-wide-support.yaml)
set(NUMERICS_HANG_BETA ${CMAKE_CURRENT_SOURCE_DIR}/data/fuzz-regressions/hang-beta-tiny-sd.yaml)
set(NUMERICS_BETA_UNDERFLOW ${CMAKE_CURRENT_SOURCE_DIR}/data/fuzz-regressions/invalid-beta-sd-underflows.yaml)
set(NUMERICS_BETA_ERROR
  "hang-beta-tiny-sd\\.yaml:8:97: error: outcomes\\[0\\]\\.attribution\\.sd: sd 1e-100 is too small for a beta with mean 0\\.5")

# A PERT on [3000, 1e308] is representable (its shape is Beta(1, 5)): every analysis runs.
sroi_cli_test(numerics_pert_wide_validate EXIT 0 ARGS validate ${NUMERICS_HANG_PERT} STDOUT "ok")
# The draws reach 1e308, so the spread of the ratio overflows: each command ends at once, naming it
# (before the fix they looped for ever).
sroi_cli_test(numerics_pert_wide_simulate EXIT 1 ARGS simulate ${NUMERICS_HANG_PERT} -n 2000 --threads 2
  STDERR "standard deviation of the SROI ratio overflows")
sroi_cli_test(numerics_pert_wide_sobol EXIT 1 ARGS sobol ${NUMERICS_HANG_PERT} --threads 2
  STDERR "variance of the SROI ratio over the Sobol samples overflows")
sroi_cli_test(numerics_pert_wide_html EXIT 1
  ARGS report ${NUMERICS_HANG_PERT} --format html -o ${SROI_CLI_OUT}/numerics-pert-wide-never.html
  STDERR "overflows" NO_FILE ${SROI_CLI_OUT}/numerics-pert-wide-never.html)

# A beta with sd 1e-100 (alpha + beta = 2.5e199) or 1e-170 (sd squared underflows): rejected, with
# the line and column of the sd, by validate and by every command that loads the model.
sroi_cli_test(numerics_beta_tiny_sd_validate EXIT 1 ARGS validate ${NUMERICS_HANG_BETA}
  STDERR "${NUMERICS_BETA_ERROR}.*use sd >= 0\\.000158")
sroi_cli_test(numerics_beta_tiny_sd_simulate EXIT 1 ARGS simulate ${NUMERICS_HANG_BETA} -n 1000
  STDERR "${NUMERICS_BETA_ERROR}")
sroi_cli_test(numerics_beta_tiny_sd_sobol EXIT 1 ARGS sobol ${NUMERICS_HANG_BETA} STDERR "${NUMERICS_BETA_ERROR}")
sroi_cli_test(numerics_beta_tiny_sd_html EXIT 1
  ARGS report ${NUMERICS_HANG_BETA} --format html -o ${SROI_CLI_OUT}/numerics-beta-tiny.html
  NO_FILE ${SROI_CLI_OUT}/numerics-beta-tiny.html STDERR "${NUMERICS_BETA_ERROR}")
sroi_cli_test(numerics_beta_sd_underflows EXIT 1 ARGS simulate ${NUMERICS_BETA_UNDERFLOW}
  STDERR "invalid-beta-sd-underflows\\.yaml:8:97: error: outcomes\\[0\\]\\.attribution\\.sd: sd 1e-170 is too small")

set_tests_properties(
  cli_numerics_pert_wide_validate cli_numerics_pert_wide_simulate cli_numerics_pert_wide_sobol
  cli_numerics_pert_wide_html cli_numerics_beta_tiny_sd_validate cli_numerics_beta_tiny_sd_simulate
  cli_numerics_beta_tiny_sd_sobol cli_numerics_beta_tiny_sd_html cli_numerics_beta_sd_underflows
  PROPERTIES TIMEOUT 30)
