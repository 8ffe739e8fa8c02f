/**
 * A named place between two steps that must survive a crash, for the tests that kill a real process there.
 * When the environment's KAFIIL_CRASH_POINT names this point (never in production), the process prints
 * `between <name>` on stdout and waits at that point for ever, so the test sends SIGKILL exactly there.
 * Otherwise it returns at once.
 */
export async function crashPoint(name: string): Promise<void> {
  if (process.env.KAFIIL_CRASH_POINT !== name || process.env.NODE_ENV === 'production') return;
  process.stdout.write(`between ${name}\n`);
  await new Promise<never>(() => {
    setInterval(() => {}, 60_000);
  });
}
