// fetch for the API: JSON in, JSON out, problem+json turned into an error a page can show (its
// message in the reader's language where the problem carries a phrase key).
import { ApiError, type Problem } from './problem.ts'

export { ApiError, type Problem }

export async function apiRequest<Result>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Result> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  })
  return readResponse<Result>(response)
}

/** POSTs a file as it is (the imports read the bytes themselves); JSON back. */
export async function apiUpload<Result>(path: string, file: Blob): Promise<Result> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
    credentials: 'same-origin',
  })
  return readResponse<Result>(response)
}

async function readResponse<Result>(response: Response): Promise<Result> {
  if (!response.ok) {
    const isProblem = response.headers.get('content-type')?.includes('problem+json')
    const problem: Problem = isProblem
      ? await response.json()
      : { type: 'about:blank', title: response.statusText, status: response.status, detail: await response.text() }
    throw new ApiError(problem)
  }
  return response.status === 204 ? (undefined as Result) : ((await response.json()) as Result)
}
