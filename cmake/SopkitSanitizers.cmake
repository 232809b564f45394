# ASan + UBSan for the whole build (the `asan` preset). Recovery is off so that
# any report fails the test that caused it.
if(SOPKIT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
