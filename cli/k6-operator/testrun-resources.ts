import { transform } from 'esbuild';
import { K6_SYNTAX_TARGET } from '../../build.mjs';
import { UsageError } from '../usage-error.ts';
import { HARNESS_CONFIG_KEY, harnessLabels, resourceNames } from './testrun-manifest.ts';

// The objects a TestRun refers to, in the namespace it is applied to: the script, the harness
// configuration and the volume the runners write their raw results to.

/** Kubernetes refuses a ConfigMap whose keys and values add up to more than 1 MiB. */
export const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;

/**
 * The bundle as the ConfigMap will hold it. One over a ConfigMap's limit loses its whitespace (names,
 * code and behaviour unchanged); past that, the script must come from a volume instead.
 */
export async function scriptForConfigMap(bundle: string, file: string): Promise<{ source: string; minified: boolean }> {
  const fits = (text: string) => Buffer.byteLength(text) + file.length <= CONFIGMAP_LIMIT_BYTES;
  if (fits(bundle)) return { source: bundle, minified: false };
  const { code } = await transform(bundle, { minifyWhitespace: true, format: 'esm', target: K6_SYNTAX_TARGET });
  if (fits(code)) return { source: code, minified: true };
  throw new UsageError(
    `--suite: dist/${file} is ${Buffer.byteLength(code)} bytes even without whitespace, over a ConfigMap's ${CONFIGMAP_LIMIT_BYTES}; put it on a volume and point spec.script.volumeClaim at it.`,
  );
}

export function scriptConfigMap(name: string, scriptFile: string, source: string) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: resourceNames(name).script, labels: harnessLabels(name) },
    data: { [scriptFile]: source },
  };
}

export function harnessConfigSecret(name: string, configJson: string) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: resourceNames(name).harnessConfig, labels: harnessLabels(name) },
    type: 'Opaque',
    data: { [HARNESS_CONFIG_KEY]: Buffer.from(configJson).toString('base64') },
  };
}

export interface ResultsVolume {
  size: string;
  storageClass?: string;
  /** Runners on several nodes write at once: ReadWriteMany; a single runner needs only ReadWriteOnce. */
  accessMode: 'ReadWriteMany' | 'ReadWriteOnce';
}

export function resultsVolumeClaim(name: string, volume: ResultsVolume) {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: resourceNames(name).results, labels: harnessLabels(name) },
    spec: {
      accessModes: [volume.accessMode],
      resources: { requests: { storage: volume.size } },
      ...(volume.storageClass ? { storageClassName: volume.storageClass } : {}),
    },
  };
}
