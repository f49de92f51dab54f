/** Progress lines of the benchmark (the report itself is printed without the prefix). */
export const log = (m: string) => console.log(`[bench] ${m}`);
