#include "typeset/typeset.h"
