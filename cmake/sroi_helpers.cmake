# Compiler warnings shared by every sroi target.
function(sroi_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                             -Wno-sign-conversion)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # GCC 12 reports false "maybe-uninitialized" on std::string members of aggregates at -O3
      # and false "restrict" on string concatenation (GCC bugs 105562, 105329); clang keeps checking for real uses of uninitialised values.
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized -Wno-restrict)
    endif()
    if(SROI_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${SROI_WARNINGS_AS_ERRORS}>:/WX>)
  endif()
endfunction()
