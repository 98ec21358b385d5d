/* hilum-decode-sandbox.c — what a decode helper may not do once it reads a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A decoder reads one untrusted file with a lot of codec code (GDCM, OpenJPEG, CharLS,
 * libjpeg, libpng). Should a file take it over, the filter leaves it nothing to do with
 * that: no network (no socket at all), no new program, no file opened for writing,
 * created, removed or renamed, no tracing of other processes. It reads its file and
 * writes its answer to the pipes it already has. A forbidden call fails with EPERM
 * (the decoder then reports the file as unreadable) rather than killing the process,
 * so codec libraries that probe for something still get an answer.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hilum-decode-private.h"

static const int denied_calls[] = {
  SCMP_SYS (socket), SCMP_SYS (socketpair), SCMP_SYS (connect), SCMP_SYS (bind),
  SCMP_SYS (listen), SCMP_SYS (accept), SCMP_SYS (accept4),
  SCMP_SYS (execve), SCMP_SYS (execveat), SCMP_SYS (ptrace), SCMP_SYS (process_vm_writev),
  SCMP_SYS (creat), SCMP_SYS (unlink), SCMP_SYS (unlinkat), SCMP_SYS (rename),
  SCMP_SYS (renameat), SCMP_SYS (renameat2), SCMP_SYS (mkdir), SCMP_SYS (mkdirat),
  SCMP_SYS (truncate), SCMP_SYS (link), SCMP_SYS (linkat), SCMP_SYS (symlink),
  SCMP_SYS (symlinkat), SCMP_SYS (chmod), SCMP_SYS (fchmodat), SCMP_SYS (chown),
  SCMP_SYS (fchownat),
};

/* open (flags in the second argument) and openat (third) only for reading. */
static gboolean
deny_writing_opens (scmp_filter_ctx ctx)
{
  const int write_flags[] = { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND };

  for (guint i = 0; i < G_N_ELEMENTS (write_flags); i++)
    {
      scmp_datum_t flag = (scmp_datum_t) write_flags[i];

      if (seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (open), 1,
                            SCMP_A1 (SCMP_CMP_MASKED_EQ, flag, flag)) != 0 ||
          seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (openat), 1,
                            SCMP_A2 (SCMP_CMP_MASKED_EQ, flag, flag)) != 0)
        return FALSE;
    }
  /* openat2 takes its flags in a struct a filter cannot read: not at all. */
  return seccomp_rule_add (ctx, SCMP_ACT_ERRNO (ENOSYS), SCMP_SYS (openat2), 0) == 0;
}

gboolean
hilum_decode_sandbox_enter (void)
{
  scmp_filter_ctx ctx = seccomp_init (SCMP_ACT_ALLOW);
  gboolean ok = ctx != NULL;

  for (guint i = 0; ok && i < G_N_ELEMENTS (denied_calls); i++)
    ok = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), denied_calls[i], 0) == 0;
  ok = ok && deny_writing_opens (ctx) && seccomp_load (ctx) == 0;
  if (ctx != NULL)
    seccomp_release (ctx);
  return ok;
}

int
hilum_decode_sandbox_check (void)
{
  int s, fd;
  int socket_errno, open_errno;

  if (!hilum_decode_sandbox_enter ())
    {
      fprintf (stdout, "sandbox: not entered\n");
      return 1;
    }
  s = socket (AF_INET, SOCK_STREAM, 0);
  socket_errno = s < 0 ? errno : 0;
  fd = open ("/tmp/hilum-decode-sandbox-check", O_WRONLY | O_CREAT, 0600);
  open_errno = fd < 0 ? errno : 0;
  fprintf (stdout, "socket: %s\nopen for writing: %s\nread: %s\n",
           socket_errno == EPERM ? "refused" : "allowed",
           open_errno == EPERM ? "refused" : "allowed",
           access ("/proc/self/status", R_OK) == 0 ? "allowed" : "refused");
  return socket_errno == EPERM && open_errno == EPERM ? 0 : 1;
}
