# Reliability (issue 13): thread counts, memory and non-finite figures from the command line.
set(RELIABILITY ${CMAKE_CURRENT_SOURCE_DIR}/data/reliability)
set(THREADS_MODEL ${PROJECT_SOURCE_DIR}/models/examples/parks-volunteering.yaml)
set(ONE_UNIFORM ${RELIABILITY}/one-uniform.yaml)

# --threads 40000: capped (at the blocks of 256 draws and at 256 threads), same figures as 2
# threads. 10.3 million draws are more blocks than 40,000, so that the cap, not the blocks, limits
# simulate (before it, this aborted: exit 134); sobol, whose samples cost 100 bytes and more each,
# is kept small here (tests/cmake/threads_refused.sh covers its abort).
# simulate runs the model with one uniform parameter, the cheapest draws (1.3 s for both runs here).
foreach(command IN ITEMS simulate sobol)
  if(command STREQUAL "simulate")
    set(size --draws 10300000)
    set(model ${ONE_UNIFORM})
  else()
    set(size --samples 2000 --bootstrap 20)
    set(model ${THREADS_MODEL})
  endif()
  add_test(NAME cli_${command}_threads_40000
    COMMAND ${CMAKE_COMMAND} "-DSROI=$<TARGET_FILE:sroi_cli>" "-DARGS=${command}|${model}|--seed|9|${size}"
      -DOUT=${SROI_CLI_OUT} -DNAME=${command}-40000 -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/same_output_any_threads.cmake)
  set_tests_properties(cli_${command}_threads_40000 PROPERTIES TIMEOUT 300)
endforeach()

# Threads the system refuses (address-space limit): fewer threads, same figures, never an abort.
# Address-space limits and sanitizers' shadow memory do not mix, so not under SROI_SANITIZE.
if(NOT SROI_SANITIZE)
  add_test(NAME cli_threads_refused
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cmake/threads_refused.sh $<TARGET_FILE:sroi_cli> ${THREADS_MODEL} ${SROI_CLI_OUT})
  set_tests_properties(cli_threads_refused PROPERTIES TIMEOUT 300)
endif()

# Point 8: every figure finite, or exit 1 naming what overflowed.
sroi_cli_test(scenarios_overflow EXIT 1 ARGS scenarios ${RELIABILITY}/overflow-scenario.yaml
  STDERR "error: scenario 'huge': the present value overflows" NOT_STDERR "n/a")
sroi_cli_test(sweep_overflow EXIT 1 ARGS sweep ${RELIABILITY}/overflow-sweep.yaml
  --param outcomes.jobs.quantity=0:1e308:2.5e307
  STDERR "error: the sweep point outcomes.jobs.quantity = [0-9.e+]+: the present value overflows")
# The tool takes --variation in (0, 1) only (issue 15); the library's overflow guards for huge
# variations are tested in tests/reliability_numerics_test.cpp.
sroi_cli_test(sensitivity_variation_overflow EXIT 2 ARGS sensitivity ${RELIABILITY}/overflow-sweep.yaml --variation 1e308
  STDERR "--variation 1e\\+308 is outside \\(0, 1\\): it is a fraction, e.g. 0.2 for 20 %")
sroi_cli_test(lm3_overflow EXIT 1 ARGS report ${RELIABILITY}/overflow-lm3.yaml
  STDERR "error: local_spend 'contracts': the money circulated \\(R1 \\+ R2 \\+ R3\\) overflows")
sroi_cli_test(portfolio_overflow EXIT 1 ARGS portfolio ${RELIABILITY}/portfolio-huge-a.yaml ${RELIABILITY}/portfolio-huge-b.yaml
  STDERR "error: the portfolio's total present value overflows" NOT_STDERR "n/a")
sroi_cli_test(proxies_rebase_overflow EXIT 1 ARGS proxies --library ${RELIABILITY}/lib/huge-index.yaml huge --price-year 2024 --index wild
  STDERR "error: proxy 'huge' \\([^)]*huge-index.yaml\\) re-based from 2000 to 2024 prices with 'wild' overflows")

# Point 4: a report is refused before evaluating when its tables would exceed the memory budget.
# The golden model has 3 outcomes x 4 years = 12 cells: JSON 94 x 12 = 1,128 bytes > 1,000; text
# 27 x 12 = 324 bytes fits.
sroi_cli_test(report_json_memory_budget EXIT 1 ARGS report ${GOLDEN} --format json --memory-budget 1000
  -o ${SROI_CLI_OUT}/budget.json NO_FILE ${SROI_CLI_OUT}/budget.json
  STDERR "error: a json report of 3 outcomes over 4 years needs 1128 bytes, more than the memory budget of 1000 bytes \\(as set\\)")
sroi_cli_test(report_text_memory_budget EXIT 0 ARGS report ${GOLDEN} --memory-budget 1000 STDOUT "SROI ratio")

# Point 8 in simulate and sobol: finite draws whose variance overflows are an error, not "-".
sroi_cli_test(simulate_variance_overflow EXIT 1 ARGS simulate ${RELIABILITY}/overflow-variance.yaml --draws 2000
  STDERR "error: the simulated standard deviation of the SROI ratio overflows")
sroi_cli_test(sobol_variance_overflow EXIT 1 ARGS sobol ${RELIABILITY}/overflow-variance.yaml --samples 1000
  STDERR "error: the variance of the SROI ratio over the Sobol samples overflows")
sroi_cli_test(compare_overflow EXIT 1 ARGS compare ${RELIABILITY}/portfolio-huge-a.yaml ${RELIABILITY}/compare-negative.yaml
  STDERR "error: the impact of outcomes.jobs: its difference \\(actual - forecast\\) overflows" NOT_STDERR "n/a")
