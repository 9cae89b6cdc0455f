#ifndef ENTENTE_CZEROMQ_SHIM_H
#define ENTENTE_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
