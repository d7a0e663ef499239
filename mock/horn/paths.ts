// Where the Horn API lives on the wire (facts §1.2: https://api.horn.co/api/v1_0).
export const BASE_PATH = '/api/v1_0';
