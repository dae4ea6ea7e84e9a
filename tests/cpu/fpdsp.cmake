# FPv4-SP and DSP tests (fpdsp area), included by tests/cpu/CMakeLists.txt.
pkg_check_modules(UNICORN IMPORTED_TARGET unicorn)

if(UNICORN_FOUND)
  add_library(fpdsp_unicorn STATIC ${CMAKE_CURRENT_LIST_DIR}/fp_unicorn.c)
  target_link_libraries(fpdsp_unicorn PUBLIC PkgConfig::UNICORN)
  target_include_directories(fpdsp_unicorn PUBLIC ${CMAKE_CURRENT_LIST_DIR})
  foreach(t fp_ref_test)
    add_executable(${t} ${CMAKE_CURRENT_LIST_DIR}/${t}.c)
    target_link_libraries(${t} PRIVATE f3_cpu fpdsp_unicorn PkgConfig::CMOCKA)
    add_test(NAME cpu.${t} COMMAND ${t})
  endforeach()
endif()
