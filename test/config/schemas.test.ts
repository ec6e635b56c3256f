import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import draft07 from "ajv/dist/refs/json-schema-draft-07.json" with { type: "json" };
import addFormats from "ajv-formats";
import { SCHEMA_FILES } from "../../lib/config/schemas.ts";
import { generateTypes, TYPES_FILE } from "../../scripts/gen-types.ts";
import { generateValidators, VALIDATORS_FILE } from "../../scripts/gen-validators.ts";

// The runtime registry skips meta-schema validation (it costs ~100 ms at every start); this is
// where every schema is held to its meta-schema, under strict mode.
const ALL = Object.keys(SCHEMA_FILES);

describe("the config schemas", () => {
  test.each(ALL)(
    "%s is valid against its meta-schema and compiles under ajv's strict mode",
    (name) => {
      // strictRequired would flag `then: { required: [...] }`, whose properties the parent declares.
      const ajv = new Ajv2020({
        strict: true,
        strictRequired: false,
        allowUnionTypes: true,
        allErrors: true,
        logger: false,
      });
      ajv.addMetaSchema(draft07);
      addFormats(ajv);
      ajv.addKeyword({ keyword: "errorMessage", schemaType: "string" });
      for (const [file, schema] of Object.entries(SCHEMA_FILES)) {
        const { $id: _ignored, ...body } = schema as Record<string, unknown>;
        ajv.addSchema(body, file);
      }
      expect(() => ajv.getSchema(name)).not.toThrow();
      expect(ajv.getSchema(name)).toBeDefined();
    },
  );

  test("lib/config/types.gen.ts equals a fresh generation (run `npm run gen:types`)", async () => {
    expect(readFileSync(TYPES_FILE, "utf8")).toBe(await generateTypes());
  });

  test("lib/config/validators.gen.ts equals a fresh generation (run `npm run gen:types`)", () => {
    expect(readFileSync(VALIDATORS_FILE, "utf8")).toBe(generateValidators());
  });
});
