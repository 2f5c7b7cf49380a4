// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// LD_PRELOAD shim for `overhead --gateway-preload`: sets TCP_NODELAY on every socket the process
// accepts. It shows what the gateway's TTFT would be with Nagle's algorithm off on its client
// sockets, without changing the gateway (docs/benchmarks/overhead.md). Not for production use.

#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace
{

int noDelay(int fd)
{
    if (fd >= 0) {
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    return fd;
}

template<typename F>
F next(const char *name)
{
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

} // namespace

extern "C" int accept(int socket, sockaddr *address, socklen_t *length)
{
    static const auto real = next<int (*)(int, sockaddr *, socklen_t *)>("accept");
    return noDelay(real(socket, address, length));
}

extern "C" int accept4(int socket, sockaddr *address, socklen_t *length, int flags)
{
    static const auto real = next<int (*)(int, sockaddr *, socklen_t *, int)>("accept4");
    return noDelay(real(socket, address, length, flags));
}
