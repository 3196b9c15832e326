// Validates a JSON document against one of the DCAT-US 1.1 schema files beside this script (JSON Schema draft-04),
// with ajv. Usage: node validate.cjs <node_modules folder> <schema file name> <document path>
// Prints the errors as a JSON array ([] when the document is valid).
const fs = require('fs');
const path = require('path');

const [modules, schemaName, documentPath] = process.argv.slice(2);
const Ajv = require(path.join(modules, 'ajv-draft-04'));
const addFormats = require(path.join(modules, 'ajv-formats'));

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const name of fs.readdirSync(__dirname).filter(file => file.endsWith('.json'))) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(__dirname, name), 'utf8')));
}
const validate = ajv.getSchema(`https://example.org/opendata/dcat-us-1.1/${schemaName}`);
const valid = validate(JSON.parse(fs.readFileSync(documentPath, 'utf8')));
process.stdout.write(JSON.stringify(valid ? [] : validate.errors));
