// Throwaway copies of openapi/ for the gate's in-process tests, each removed after the file that made it.
import { afterAll } from "vitest";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";

/** A `spec(edit?)` for one test file: a copy of openapi/ with `edit` applied, removed after the file's last test. */
export function specCopiesForThisFile(): (edit?: (copy: ProjectCopy) => Promise<void>) => Promise<ProjectCopy> {
  const copies: ProjectCopy[] = [];
  afterAll(() => Promise.all(copies.map((copy) => copy.remove())));
  return async (edit) => {
    const copy = await copyProject(["openapi"]);
    copies.push(copy);
    await edit?.(copy);
    return copy;
  };
}
