# Five sparse 60 MB files (each within the per-file limit of 64 MiB): together over the limit
# of 256 MiB for all data files of a run, refused before any is read.
for f in a b c d e; do truncate -s 60M data/$f.json; done
