/** "sha256:0123456789ab" — enough of an image id or digest to tell two apart. */
export const shortImageId = (id: string) => id.replace(/^(sha256:)?(.{12}).*$/, '$1$2');
