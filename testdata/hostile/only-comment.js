// A script that is only comments and whitespace.
// expect: exit=0
// flags: --task-budget 1s --memory 256M --timeout 10s --size 64x64
    	
/* nothing */
