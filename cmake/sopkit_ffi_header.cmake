# Script mode (cmake -P): writes the FFI header of sopkit.h, the declarations
# alone as FFI parsers read them (PHP FFI::load, LuaJIT ffi.cdef): the C
# preprocessor expands sopkit.h with SOPKIT_API empty and <stddef.h>/<stdint.h>
# left out, so no directive, comment or attribute remains. The two lines PHP's
# FFI::load reads, FFI_SCOPE and FFI_LIB, come first.
# Inputs: CC (a GCC-compatible compiler), HEADER, OUT, LIB (the soname).
foreach(var CC HEADER OUT LIB)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "sopkit_ffi_header.cmake: ${var} is not set")
  endif()
endforeach()
get_filename_component(out_dir "${OUT}" DIRECTORY)
set(no_system "${out_dir}/.ffi-no-system-headers")
file(WRITE "${no_system}/stddef.h" "")
file(WRITE "${no_system}/stdint.h" "")
execute_process(
  COMMAND "${CC}" -E -P -nostdinc -I "${no_system}" -DSOPKIT_API= -x c "${HEADER}"
  OUTPUT_VARIABLE declarations RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sopkit_ffi_header.cmake: preprocessing ${HEADER} failed: ${err}")
endif()
string(REGEX REPLACE "\n[ \t]*\n([ \t]*\n)+" "\n\n" declarations "${declarations}")
string(REGEX REPLACE "\n ([^ ])" "\n\\1" declarations "${declarations}")
string(STRIP "${declarations}" declarations)
file(WRITE "${OUT}.tmp" "#define FFI_SCOPE \"SOPKIT\"\n#define FFI_LIB \"${LIB}\"\n\n${declarations}\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
