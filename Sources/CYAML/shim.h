#ifndef COMPOSE_AUDIT_CYAML_SHIM_H
#define COMPOSE_AUDIT_CYAML_SHIM_H
#include <yaml.h>
#endif
