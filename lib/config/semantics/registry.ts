/** Semantic checks of registry/<model>.yaml: what the schema cannot say. */
import type { SemanticCheck } from "../context.ts";
import type { ModelRegistry } from "../types.gen.ts";
import { checkNamedAfterFile } from "./common.ts";

/** Every rule of the registry that spans more than one value. */
export const checkRegistry: SemanticCheck<ModelRegistry> = (registry, ctx) => {
  checkNamedAfterFile({ ctx, key: "model", value: registry.model });
  const seen = new Map<number, number>();
  registry.versions.forEach((entry, index) => {
    const path = ["versions", index, "version"];
    const first = seen.get(entry.version);
    const previous = registry.versions[index - 1];
    if (first !== undefined) {
      ctx.error(
        path,
        `version ${entry.version} is already registered at versions.${first}; use a new version number`,
      );
    } else if (previous && entry.version <= previous.version) {
      ctx.error(
        path,
        `must be greater than the previous version ${previous.version}; versions strictly increase, newest last`,
      );
    }
    if (first === undefined) seen.set(entry.version, index);
    for (const [name, dataset] of Object.entries(entry.datasets ?? {})) {
      if (dataset && dataset.md5 === undefined && dataset.sha256 === undefined) {
        ctx.error(
          ["versions", index, "datasets", name],
          "has no content hash; add md5 or sha256 of the data",
        );
      }
    }
  });
};
