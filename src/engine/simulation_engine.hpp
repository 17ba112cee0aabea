// The sampling and block-evaluation kernel shared by simulation and Sobol analysis, one concern a
// file (each file's header comment says what it holds):
//   simulation_philox.hpp          the counter-based generator (Philox4x32-10) and its layout
//   simulation_simd.hpp            CPU dispatch: the instruction set the kernels run with
//   simulation_quantile_table.hpp  tabulated quantiles of the standardised shapes
//   simulation_sampling.hpp        uniform words -> parameter values (portable, AVX2, AVX-512)
//   simulation_vector.hpp          the vector operations the AVX2 and AVX-512 kernels share
//   simulation_block_model.hpp     the model compiled for blocks of draws, the copula, sampling
//   simulation_outcome.hpp         outcome and input present values of a block of draws
// The design notes and the measurement history are in bench/README.md.
#pragma once

#include "engine/simulation_block_model.hpp"
#include "engine/simulation_outcome.hpp"
#include "engine/simulation_philox.hpp"
#include "engine/simulation_quantile_table.hpp"
#include "engine/simulation_sampling.hpp"
#include "engine/simulation_simd.hpp"
