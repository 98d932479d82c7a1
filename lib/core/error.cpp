#include "core/error.h"

namespace izshi {

int exit_code_for(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::integrity: return 1;
    case ErrorKind::usage: return 2;
    case ErrorKind::input: return 3;
    case ErrorKind::case_file: return 4;
    }
    return 3;
}

}  // namespace izshi
