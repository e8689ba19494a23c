import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { entryPointOf, signatureTypeOf, type FunctionManifest } from '@backbone/shared/core';
import { ROOT } from './manifests';

const FRAMEWORK_MAIN = path.join(
  ROOT,
  'node_modules',
  '@google-cloud',
  'functions-framework',
  'build',
  'src',
  'main.js',
);

/** The env a function gets locally: its manifest's defaults and Node options, the emulators, and a demo project. */
export function functionEnv(manifest: FunctionManifest, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const defaults = Object.fromEntries(
    Object.entries(manifest.env).flatMap(([name, v]) => (v.default !== undefined ? [[name, v.default]] : [])),
  );
  // The caller's own Node options (tsx's loaders) are not the function's; its manifest's are.
  const { NODE_OPTIONS: _caller, ...rest } = base;
  return {
    ...defaults,
    ...rest,
    BACKBONE_ENV: base.BACKBONE_ENV ?? 'local',
    ...(manifest.runtime.nodeOptions ? { NODE_OPTIONS: manifest.runtime.nodeOptions } : {}),
  };
}

/** Starts a bundle under the Functions Framework on its own port, as Cloud Functions runs it. */
export function startFunction(
  manifest: FunctionManifest,
  options: { port: number; bundleDir: string; env: NodeJS.ProcessEnv; onLine?: (line: string) => void },
): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      FRAMEWORK_MAIN,
      `--target=${entryPointOf(manifest.name)}`,
      `--signature-type=${signatureTypeOf(manifest)}`,
      `--source=${options.bundleDir}`,
      `--port=${options.port}`,
    ],
    { env: functionEnv(manifest, options.env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.onLine?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  return child;
}

/** Resolves when the function's port accepts connections (no request: a CloudEvent function would log one as bad). */
export async function waitUntilListening(url: string, timeoutMs = 20_000): Promise<void> {
  const { hostname, port } = new URL(url);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(Number(port), hostname, () => {
          socket.end();
          resolve();
        });
        socket.once('error', reject);
      });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not start within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}
