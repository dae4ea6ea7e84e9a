# The test firmware programs and the exit code each must end with; shared by
# the cross build (CMakeLists.txt) and the host side (host.cmake).
set(F3_TEST_FIRMWARE
  fw_int 0
  fw_int64 0
  fw_div 7
  fw_float 0
  fw_dsp 0
  fw_setjmp 0
  fw_exc 0
  fw_fpctx 0)
# Programs written in portable C: a host build must print the expected
# output too (that is how the expected files were made).
set(F3_TEST_FIRMWARE_PORTABLE fw_int fw_int64 fw_div fw_float fw_dsp fw_setjmp fw_fpctx)
