#!/usr/bin/env bash
# Rebuilds the versions in this folder from local git mirrors of their repositories (the commit lists below are the
# file's every change, oldest first, as `git log --follow` lists them; each history is linear). Single-file specs are written
# byte for byte as `git show` prints them; the multi-file openapi-starter is bundled with the project's Redocly CLI.
# Then prints sha256 of every version, for README.md.
#
#   MIRRORS=/work/.mirror bash test/gate/history/extract.sh
#
# A mirror is a bare clone at $MIRRORS/<owner>+<name>/repo (what `git clone --mirror` makes, under that name).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../../.." && pwd)"
mirrors="${MIRRORS:-/work/.mirror}"
redocly="$project/node_modules/.bin/redocly"
export REDOCLY_TELEMETRY=off DO_NOT_TRACK=1

mirror() {
  local dir="$mirrors/$1/repo"
  [[ -d "$dir" ]] || { echo "no mirror of $1 at $dir" >&2; exit 1; }
  echo "$dir"
}

# copy <owner+name> <folder> <path in repo> <commit>... : one file per commit, numbered in order.
copy() {
  local git_dir; git_dir="$(mirror "$1")"
  local folder="$here/$2" file="$3"; shift 3
  mkdir -p "$folder"
  local n=0 commit
  for commit in "$@"; do
    n=$((n + 1))
    # The file was renamed once in tic-tac-toe's history; the path is the one it had at that commit.
    local at="${commit%%:*}" path="$file"
    [[ "$commit" == *:* ]] && path="${commit#*:}"
    git --git-dir "$git_dir" show "$at:$path" > "$folder/$(printf %02d "$n")-${at:0:7}.yaml"
  done
}

# bundle <owner+name> <folder> <root file> <commit>... : the tree at each commit, bundled into one file.
bundle() {
  local git_dir; git_dir="$(mirror "$1")"
  local folder="$here/$2" root="$3"; shift 3
  mkdir -p "$folder"
  local n=0 commit scratch
  for commit in "$@"; do
    n=$((n + 1))
    scratch="$(mktemp -d)"
    # Only the spec's own folder: the repositories' lint configs (of older Redocly versions) are not ours to apply.
    git --git-dir "$git_dir" archive "$commit" "$(dirname "$root")" | tar -x -C "$scratch"
    (cd "$scratch" && "$redocly" bundle "$root" --output bundled.yaml >/dev/null 2>&1) ||
      { echo "redocly bundle failed on $1 $commit" >&2; exit 1; }
    cp "$scratch/bundled.yaml" "$folder/$(printf %02d "$n")-${commit:0:7}.yaml"
    rm -rf "$scratch"
  done
}

copy Redocly+museum-openapi-example museum openapi.yaml \
  0624581f77e4dec1e7330bbff7abefddbab60826 2dc4209aa9b188eb8e48a7b65e0b335343686565 \
  0da2be901c0e160a4fcd31de3c5ae9b555f8c2aa b6c0fe7d71f70e3c6d155585a122a9b672ba1869 \
  077c6ac93ef57c671ac89dc293cbb238e33e865f 2f8d96dec20387df52af0a10b58b34f528d45ed7 \
  c3e83d9b567037cf3160e81d4c55f5bec888498c 9950556071352533d83a6b5c6537576ded97df98 \
  e6c64b45c13b3464b034677b6754812a58c475c4 62024def98d68515794b090b49bbbc79fdc699ad \
  2c2ede68757138bacb2b7c97bb878b73a928501b 6db4b2d4b56bc148659b5ecf447f78c007e9c6d5 \
  3bdfc5738fad0d3b00b2c4791e96aa2a142af09d 56d2e8f64cc05519a22e370a928bf6df8cd7ba67 \
  2770b2b2e59832d245c7b0eb0badf6568d7efb53

# From the first OpenAPI 3.1 version on (the six before it are 3.0.3). 05fb7f3 only moved the file (identical text).
copy OAI+learn.openapis.org tictactoe examples/v3.1/tictactoe.yaml \
  d8cc6303bc979e7a5978b1dabf524b8a097cdae6:examples/tictactoe.yaml \
  b209536e99649c26841a855e887800d6fa75012d:examples/tictactoe.yaml \
  be9af734f12ccaefe6692d470fe1947bb3c21418 a69874ba08535870c669c50619fb62fac416ed17 \
  a6bd0df09a15a106953f55a13721449149255e94 be248e49bd098dfe8413acf4a38ba23218d812be \
  dad69824774ee992cc4894b8d5fbd683ae9ccbfb 7a205e6a11eddc1ef7774e3827d0d92f646d2757 \
  edff903fe6cc4e0c1de668acfbd0de0fad5fe1f2 49e44bcedcc0bc6f8d6e297a5e770f870bfa5d35

copy OAI+learn.openapis.org webhook examples/v3.1/webhook-example.yaml \
  4357386f2b957e3381c143a10965a450ff12f0b3 a69874ba08535870c669c50619fb62fac416ed17 \
  a6bd0df09a15a106953f55a13721449149255e94 be248e49bd098dfe8413acf4a38ba23218d812be \
  bda51648af3872503ab0df849f81c7b15d67ad3a

# From the file's creation as a 3.1 copy of demo/openapi.yaml (a 3.0 document) on.
copy Redocly+redoc redoc demo/openapi-3-1.yaml \
  823be24b313c3a2445df7e0801a0cc79c20bacd1 f4ea368f78a693fd70d48b5e0e5ffce3560432f4 \
  cd2d6f76e87c8385786a9c8e51c0d11c79d9707c 3b8d6441bd9978b849a53021d40fd4fe150272ea \
  8f7e56c747d88be5c5eb5c4bbaee0ff69e9cb2ec 0755ac6f04514eb0c08f90afceeda7858206b435 \
  291b62a206b68f8b4d98e4b74b71c0cad20a8b9b 27a9dbaf46aded01a6512645dab27870a85cc73b \
  87541e45dc2526696deb32a6350a14a44a709b54 64cf624ffffe9fe1bdda33a5b0726a1e6524de46 \
  187e5555585b584769286cd14b383c4e4b12af1f b4f71c6bbc9bb631ba9a65546e3e1943b031fcd6 \
  2eff85a26118d8ff8ace7ef9ab879cc620009cc8

# From the first OpenAPI 3.1 version on (09dcf88; the two before it are 3.0).
bundle Redocly+openapi-starter starter openapi/openapi.yaml \
  09dcf88672d55808620a856231678d7c8ce9210f 5bacea269818f8d36025cb14849108c578bf0c7d \
  b0d01c5e2019e75927868f707f682de5ca390c2d 1b1d8403d43fd0672f714d3e66cf8a0a48668aa7 \
  f0a2fed2d455f1e2c78fbcf1f481b251b21c49ba 61127256bdeac6638cf0ed689aee7b4a5d87d4ea \
  32a56dfc485416e5cd0508f23690deeaf67ede89 10d5e2b6ab947d62b7ec61a0616cd270ef23b81a \
  94a596bfb474ed0d6f8d4c86cf9f57a500c9814c 5d36274f068e67d630a441b33aefdc208b5f76a1 \
  63c4a4a4d3845f603ff0d30dbc9a99a228c01745 0d8aeeaef7d2953a0dbc39fa679543a68a5720d1 \
  9cf62a576cac37ac90c875337fdebb3f09a072c6

(cd "$here" && sha256sum museum/*.yaml tictactoe/*.yaml webhook/*.yaml redoc/*.yaml starter/*.yaml)
