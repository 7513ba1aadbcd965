import picocolors from 'picocolors';

/** picocolors' formatter set; every function returns its input unchanged when colour is off. */
export type Colors = ReturnType<typeof picocolors.createColors>;

export function createColors(enabled: boolean): Colors {
  return picocolors.createColors(enabled);
}
