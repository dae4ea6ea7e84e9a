# FPv4-SP and DSP tests (fpdsp area); included by tests/cpu/CMakeLists.txt.
#   *_arch_test  directed cases from the ARMv7-M ARM (no reference needed)
#   *_ref_test   the pure semantics (fp_ops.h, dsp_ops.h) against Unicorn
#   *_exec_test  decoder + executors against Unicorn, random encodings
foreach(t fp_arch_test dsp_arch_test)
  add_executable(${t} ${CMAKE_CURRENT_LIST_DIR}/${t}.c)
  target_link_libraries(${t} PRIVATE f3_cpu PkgConfig::CMOCKA)
  add_test(NAME cpu.${t} COMMAND ${t})
endforeach()

#   fp_program_test  FP/DSP programs through the whole core (cpu_harness)
if(TARGET cpu_harness)
  add_executable(fp_program_test ${CMAKE_CURRENT_LIST_DIR}/fp_program_test.c)
  target_link_libraries(fp_program_test PRIVATE cpu_harness PkgConfig::CMOCKA)
  add_test(NAME cpu.fp_program_test COMMAND fp_program_test)
endif()

pkg_check_modules(FPDSP_UNICORN IMPORTED_TARGET unicorn)
if(FPDSP_UNICORN_FOUND)
  add_library(fpdsp_reference STATIC ${CMAKE_CURRENT_LIST_DIR}/fp_unicorn.c
                                     ${CMAKE_CURRENT_LIST_DIR}/fp_machine.c)
  target_link_libraries(fpdsp_reference PUBLIC f3_cpu PkgConfig::FPDSP_UNICORN)
  target_include_directories(fpdsp_reference PUBLIC ${CMAKE_CURRENT_LIST_DIR})
  foreach(t fp_ref_test dsp_ref_test fp_exec_test dsp_exec_test)
    add_executable(${t} ${CMAKE_CURRENT_LIST_DIR}/${t}.c)
    target_link_libraries(${t} PRIVATE fpdsp_reference PkgConfig::CMOCKA)
    # libunicorn exports QEMU's cpu_reset and friends: keep the f3kit
    # static libraries' symbols out of the dynamic table so neither side
    # can bind to the other's (see tests/cpu/diff/CMakeLists.txt).
    target_link_options(${t} PRIVATE -Wl,--exclude-libs,ALL)
    add_test(NAME cpu.${t} COMMAND ${t})
  endforeach()
else()
  message(WARNING "unicorn not found (apt-get install libunicorn-dev): "
                  "the FP/DSP reference tests are not built")
endif()
