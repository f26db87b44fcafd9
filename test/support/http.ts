/** Response bodies in tests are asserted field by field; `any` keeps that readable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function body(res: Response): Promise<any> {
  return res.json();
}
